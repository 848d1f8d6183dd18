/**
 * Views that take the page's place for a while (the proofread view, my rules) and give it back when
 * closed: each new panel hides what was shown, closing it shows that again. The job list keeps
 * following its jobs underneath.
 */
import { h } from './dom.js';

export class Panels {
  private readonly stack: HTMLElement[] = [];

  constructor(private readonly root: HTMLElement) {}

  /** A new panel on top, shown in place of everything else. */
  open(): HTMLElement {
    for (const child of this.root.children) (child as HTMLElement).hidden = true;
    const panel = h('section', { class: 'panel' });
    this.stack.push(panel);
    this.root.append(panel);
    panel.scrollIntoView?.({ block: 'start' });
    return panel;
  }

  /** Closes `panel`, showing the one below it (or the page itself). */
  close(panel: HTMLElement): void {
    const at = this.stack.indexOf(panel);
    if (at === -1) return;
    this.stack.splice(at, 1);
    panel.remove();
    const below = this.stack.at(-1);
    if (below) below.hidden = false;
    else for (const child of this.root.children) (child as HTMLElement).hidden = false;
  }
}
