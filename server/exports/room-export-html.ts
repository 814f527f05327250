import type { SystemEvent } from '../protocol/models.ts';
import type { ExportMessage, RoomExport } from './room-export.ts';

// A deleted room's log as a page a person can read (the JSON beside it is for programs): one
// self-contained HTML file (inline styles, no scripts, no links out). Every piece of text goes
// through escapeHtml, the one place here that turns text into markup.

function systemLine(event: SystemEvent, nameOf: (id: number) => string): string {
  const actor = nameOf(event.actorId);
  const others = event.userIds.map(nameOf).join(', ');
  switch (event.event) {
    case 'created':
      return `${actor} 님이 대화방 "${event.name}"을(를) 만들었습니다.`;
    case 'joined':
      return `${actor} 님이 ${others} 님을 초대했습니다.`;
    case 'left':
      return `${actor} 님이 나갔습니다.`;
    case 'removed':
      return `${actor} 님이 ${others} 님을 내보냈습니다.`;
    case 'renamed':
      return `${actor} 님이 대화방 이름을 "${event.name}"(으)로 바꿨습니다.`;
  }
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function messageBlock(m: ExportMessage, nameOf: (id: number) => string): Html {
  const when = formatTime(m.createdAt);
  if (m.system) return html`<div class="msg system">${systemLine(m.system, nameOf)}<span class="when">${when}</span></div>`;
  const head = html`<span class="who">${m.senderName}</span><span class="when">${when}</span>${
    m.editedAt !== null ? html`<span class="note">(수정됨)</span>` : null
  }${m.replyToSeq !== null ? html`<span class="note">↪ #${m.replyToSeq}에 답장</span>` : null}`;
  if (m.deleted) return html`<div class="msg">${head}<div class="text deleted">삭제된 메시지입니다.</div></div>`;
  return html`<div class="msg" id="m${m.seq}">${head}${m.body ? html`<div class="text">${m.body}</div>` : null}${
    m.file ? html`<div class="file">📎 ${m.file.name} (${sizeText(m.file.size)})</div>` : null
  }</div>`;
}

export function roomExportHtml(data: RoomExport): string {
  const names = new Map(data.people.map((p) => [p.id, p.name]));
  const nameOf = (id: number) => names.get(id) ?? `#${id}`;
  const { room } = data;
  const kind = room.kind === 'dm' ? '1:1 대화' : '그룹 대화방';
  const meta = `${kind} · 만든 때 ${formatTime(room.createdAt)} · 내보낸 때 ${formatTime(data.exportedAt)} · 내보낸 관리자 ${data.exportedBy.name} · 메시지 ${data.messages.filter((m) => !m.system).length}개`;
  const members = html`<section><h2>참여자 ${room.members.length}명</h2><ul class="people">${room.members.map(
    (p) => html`<li>${p.name}${p.department || p.position ? html` <span class="when">${[p.department, p.position].filter(Boolean).join(' · ')}</span>` : null}</li>`,
  )}</ul></section>`;
  const log = html`<section><h2>대화 내용</h2>${
    data.messages.length ? data.messages.map((m) => messageBlock(m, nameOf)) : html`<p class="system">메시지가 없습니다.</p>`
  }</section>`;
  return exportPage(room.title || `#${room.id}`, meta, [members, log]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup built from escaped text; only the helpers here make it. */
interface Html {
  readonly html: string;
}

/** A template tag: interpolated strings are escaped, Html values and arrays of them are kept. */
function html(strings: TemplateStringsArray, ...values: Array<string | number | Html | Html[] | null>): Html {
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
function formatTime(ms: number): string {
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
function exportPage(title: string, meta: string, sections: Html[]): string {
  return `<!doctype html>${
    html`<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title><style>${{ html: STYLE }}</style></head>
<body><main><h1>${title}</h1><p class="meta">${meta}</p>${sections}</main></body></html>
`.html
  }`;
}
