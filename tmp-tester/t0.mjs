import { chromium } from "playwright-core";
console.log("ok", typeof chromium.launch);
