export { HeatmapPanel } from "./heatmap-panel";
export { useHeatmap, useWindowQuery, HEATMAP_BUCKETS, type HeatmapScope } from "./use-heatmap";
