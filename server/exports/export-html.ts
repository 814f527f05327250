// The readable half of an export: one self-contained HTML file (inline styles, no scripts, no links
// out). Every piece of text goes through escapeHtml, the one place that turns text into markup.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup built from escaped text; only the helpers here make it. */
export interface Html {
  readonly html: string;
}

/** A template tag: interpolated strings are escaped, Html values and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | Html | Html[] | null>): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return { html: out };
}

function render(value: string | number | Html | Html[] | null): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((v) => v.html).join('');
  if (typeof value === 'object') return value.html;
  return escapeHtml(String(value));
}

/** "2026-03-01 14:05" in the server's time zone: the same on every server, whatever its ICU data. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const STYLE = `
body { font: 15px/1.55 system-ui, -apple-system, "Malgun Gothic", "Apple SD Gothic Neo", sans-serif; color: #1f2329; background: #f5f6f8; margin: 0; }
main { max-width: 820px; margin: 0 auto; padding: 32px 20px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: #667085; font-size: 13px; margin: 0 0 20px; }
section { background: #fff; border: 1px solid #e4e7ec; border-radius: 12px; padding: 16px 20px; margin-bottom: 16px; }
h2 { font-size: 15px; margin: 0 0 10px; }
ul.people { margin: 0; padding-left: 18px; }
.msg { padding: 8px 0; border-top: 1px solid #f0f1f3; }
h2 + .msg { border-top: 0; }
.who { font-weight: 600; }
.when, .note { color: #667085; font-size: 12px; margin-left: 6px; }
.text { white-space: pre-wrap; word-break: break-word; margin-top: 2px; }
.file { margin-top: 4px; font-size: 13px; color: #344054; }
.system, .deleted { color: #667085; font-style: italic; }
`;

/** A whole export page: a title, a line under it, then the sections. */
export function exportPage(title: string, meta: string, sections: Html[]): string {
  return `<!doctype html>${
    html`<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title><style>${{ html: STYLE }}</style></head>
<body><main><h1>${title}</h1><p class="meta">${meta}</p>${sections}</main></body></html>
`.html
  }`;
}
