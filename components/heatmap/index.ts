export { HeatmapPanel } from "./heatmap-panel";
export { useHeatmap, useWindowQuery, type HeatmapScope } from "./use-heatmap";
