import type { SystemEvent } from '../protocol/models.ts';
import { exportPage, formatTime, html, type Html } from './export-html.ts';
import type { ExportMessage, RoomExport } from './room-export.ts';

// A deleted room's log as a page a person can read (the JSON beside it is for programs).

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
  const meta = `${kind} · 만든 때 ${formatTime(room.createdAt)} · 내보낸 때 ${formatTime(data.exportedAt)} · 내보낸 관리자 ${data.exportedBy.name} · 메시지 ${data.messages.length}개`;
  const members = html`<section><h2>참여자 ${room.members.length}명</h2><ul class="people">${room.members.map(
    (p) => html`<li>${p.name}${p.department || p.position ? html` <span class="when">${[p.department, p.position].filter(Boolean).join(' · ')}</span>` : null}</li>`,
  )}</ul></section>`;
  const log = html`<section><h2>대화 내용</h2>${
    data.messages.length ? data.messages.map((m) => messageBlock(m, nameOf)) : html`<p class="system">메시지가 없습니다.</p>`
  }</section>`;
  return exportPage(room.title || `#${room.id}`, meta, [members, log]);
}
