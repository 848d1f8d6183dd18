// Preloaded by the benchmark into the CLI process: on exit, record the process's peak RSS (kB).
// Linux's getrusage starts a spawned child at its parent's peak, so VmHWM (the process's own peak
// since exec) is read where there is one.
const { readFileSync, writeFileSync } = require('node:fs');

function peakRssKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  if (process.env.REPORT_PRESS_RSS_FILE) writeFileSync(process.env.REPORT_PRESS_RSS_FILE, String(peakRssKb()));
});
