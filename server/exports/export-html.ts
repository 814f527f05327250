import type { ChatExport, ExportMessage, ExportPerson, ExportRoom } from './export-model.ts';

// The readable copy of an export: one self-contained HTML file, styles inline, no scripts, no
// external resources, every name and text escaped. It opens from a USB stick years later.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function time(ms: number): string {
  // Fixed Korea time, so the file reads the same on any machine (the company is in Korea).
  return new Date(ms + 9 * 3600_000).toISOString().replace('T', ' ').slice(0, 19) + ' KST';
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const STYLE = `
body{margin:0;background:#f4f6f9;color:#1d2433;font:15px/1.55 -apple-system,'Segoe UI','Apple SD Gothic Neo','Malgun Gothic','맑은 고딕','Noto Sans CJK KR','Noto Sans KR',sans-serif}
main{max-width:860px;margin:0 auto;padding:28px 20px 60px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:0}
.meta{color:#5b6474;font-size:13px;margin:0 0 4px}
.scope{background:#eef3ff;border:1px solid #d5def8;color:#2b3f8c;border-radius:10px;padding:10px 14px;font-size:13px;margin:14px 0 24px}
section{background:#fff;border:1px solid #e4e7ec;border-radius:12px;margin:0 0 20px;overflow:hidden}
section>header{padding:14px 18px;border-bottom:1px solid #e4e7ec;background:#f7f8fa}
ol{list-style:none;margin:0;padding:6px 0}
li{padding:7px 18px;display:grid;grid-template-columns:168px 1fr;gap:2px 14px}
li.subject{background:#f3f6ff}
.when{color:#8a93a3;font-size:12px;white-space:nowrap;padding-top:2px}
.msg{min-width:0}
.who{font-weight:700;font-size:13px}
dl{display:flex;flex-wrap:wrap;gap:4px 18px;margin:8px 0;font-size:13px}dt{color:#8a93a3}dd{margin:0 0 0 6px}dl div{display:flex}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
.note{color:#8a93a3;font-style:italic}
.sys{color:#5b6474;font-size:13px}
.empty{padding:14px 18px;color:#8a93a3}
@media (max-width:600px){li{grid-template-columns:1fr}}
`;

/** How the subject's fields read; a field not named here shows its key. */
const LABELS: Record<string, string> = {
  id: '번호',
  employeeNo: '사번',
  email: '이메일',
  department: '부서',
  position: '직급',
  role: '역할',
  status: '상태',
  createdAt: '만든 날',
  kind: '종류',
  members: '멤버 수',
};

const VALUES: Record<string, Record<string, string>> = {
  role: { admin: '관리자', member: '멤버' },
  status: { pending: '승인 대기', active: '사용 중', rejected: '거절됨', disabled: '사용 중지' },
  kind: { dm: '1:1 대화', group: '그룹 대화방' },
};

function names(people: readonly ExportPerson[]): string {
  return people.map((p) => escapeHtml(p.name)).join(', ');
}

function systemText(m: ExportMessage, nameOf: (id: number) => string): string {
  const s = m.system!;
  const who = escapeHtml(nameOf(s.actorId));
  const them = s.userIds.map((id) => escapeHtml(nameOf(id))).join(', ');
  switch (s.event) {
    case 'created':
      return `${who}님이 대화방 “${escapeHtml(s.name)}”을(를) 만들었습니다.`;
    case 'joined':
      return `${who}님이 ${them}님을 초대했습니다.`;
    case 'left':
      return `${who}님이 나갔습니다.`;
    case 'removed':
      return `${who}님이 ${them}님을 내보냈습니다.`;
    case 'renamed':
      return `${who}님이 대화방 이름을 “${escapeHtml(s.name)}”(으)로 바꿨습니다.`;
  }
}

function messageHtml(m: ExportMessage, subjectId: number | null, nameOf: (id: number) => string): string {
  const mine = subjectId !== null && m.senderId === subjectId ? ' class="subject"' : '';
  let body: string;
  if (m.system) body = `<div class="sys">${systemText(m, nameOf)}</div>`;
  else if (m.deleted) body = '<div class="note">(삭제된 메시지)</div>';
  else {
    const parts: string[] = [];
    if (m.replyToSeq !== null) parts.push(`<div class="note">↪ #${m.replyToSeq}에 답장</div>`);
    if (m.file) parts.push(`<div class="note">📎 ${escapeHtml(m.file.name)} (${sizeText(m.file.size)})</div>`);
    if (m.body) parts.push(`<div class="text">${escapeHtml(m.body)}</div>`);
    if (m.editedAt !== null) parts.push('<div class="note">(수정됨)</div>');
    body = parts.join('');
  }
  return `<li${mine}><span class="when">#${m.seq} · ${time(m.createdAt)}</span><div class="msg"><div class="who">${escapeHtml(m.senderName)}</div>${body}</div></li>`;
}

function roomHtml(room: ExportRoom, subjectId: number | null): string {
  const byId = new Map(room.members.map((p) => [p.id, p.name]));
  for (const m of room.messages) byId.set(m.senderId, m.senderName);
  const nameOf = (id: number) => byId.get(id) ?? `#${id}`;
  const title = room.kind === 'dm' ? `1:1 대화 — ${names(room.members)}` : escapeHtml(room.name);
  const list = room.messages.length
    ? `<ol>${room.messages.map((m) => messageHtml(m, subjectId, nameOf)).join('\n')}</ol>`
    : '<p class="empty">메시지가 없습니다.</p>';
  return `<section><header><h2>${title}</h2><p class="meta">대화방 #${room.id} · 멤버 ${room.members.length}명: ${names(room.members)} · 메시지 ${room.messages.length}개</p>${room.secret ? `<p class="meta secret">${escapeHtml(room.secret.note)}</p>` : ''}</header>${list}</section>`;
}

export function renderExportHtml(data: ChatExport): string {
  const heading = data.kind === 'user' ? `삭제된 사용자의 대화 기록: ${escapeHtml(data.subject.name)}` : `삭제된 대화방의 기록: ${escapeHtml(data.subject.name)}`;
  const details = Object.entries(data.subject)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => {
      const shown = typeof value === 'number' && key.endsWith('At') ? time(value) : (VALUES[key]?.[String(value)] ?? String(value));
      return `<div><dt>${escapeHtml(LABELS[key] ?? key)}</dt><dd>${escapeHtml(shown)}</dd></div>`;
    })
    .join('');
  const subjectId = data.kind === 'user' ? data.subject.id : null;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${heading}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${heading}</h1>
<dl>${details}</dl>
<p class="meta">내보낸 시각 ${time(data.exportedAt)} · 내보낸 관리자 ${escapeHtml(data.exportedBy.name)} (#${data.exportedBy.id})</p>
<div class="scope">${escapeHtml(data.scope)}</div>
${data.rooms.map((r) => roomHtml(r, subjectId)).join('\n')}
</main>
</body>
</html>
`;
}
