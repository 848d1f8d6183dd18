/**
 * The author both documents carry (issue 27 item 7): the one configured (`--author`,
 * REPORT_PRESS_AUTHOR), else the report's author line, else none — never the program's name.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../lib/model/report.js';
import { documentAuthor } from '../../lib/render/document-facts.js';

const withByline = (byline: string): Report => ({
  title: '2023年度述职报告',
  blocks: [
    { kind: 'paragraph', text: byline, role: 'byline' },
    { kind: 'paragraph', text: '一年来，我认真履行职责。' },
  ],
});

describe('documentAuthor', () => {
  it('takes the author line as written when it names a unit, a post and a person', () => {
    expect(documentAuthor(withByline('XX局党组书记、局长 张XX'), undefined)).toBe('XX局党组书记、局长 张XX');
    expect(documentAuthor(withByline('中共XX县委组织部'), undefined)).toBe('中共XX县委组织部');
  });

  it('takes the name after a label', () => {
    expect(documentAuthor(withByline('述职人：李XX'), undefined)).toBe('李XX');
  });

  it('takes no author from a bracketed date under the title, nor from a report without an author line', () => {
    const noByline: Report = { title: '述职报告', blocks: [{ kind: 'paragraph', text: '中共XX县委组织部' }] };

    expect(documentAuthor(withByline('（2024年1月15日）'), undefined)).toBe('');
    expect(documentAuthor(noByline, undefined)).toBe('');
  });

  it('lets a configured author win over the author line, an empty one included', () => {
    expect(documentAuthor(withByline('述职人：李XX'), '办公室')).toBe('办公室');
    expect(documentAuthor(withByline('述职人：李XX'), '')).toBe('');
  });
});
