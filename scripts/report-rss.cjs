// Preloaded by the benchmark into the CLI process: on exit, record the process's peak RSS (kB).
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.REPORT_PRESS_RSS_FILE) writeFileSync(process.env.REPORT_PRESS_RSS_FILE, String(process.resourceUsage().maxRSS));
});
