// The page's entry point (placeholder until the page lands).
document.title = 'report-press';
