import type { CaInfo } from '../../certs/index.ts';
import type { Lang } from '../protocol/lang.ts';

// The /ca page: reachable over plain HTTP even while HTTPS is on, so an employee can fetch and check
// the office CA before trusting it. Plain HTML (the install page adds one small script), works on any phone.

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TEXT = {
  ko: {
    title: '소통 인증서 설치',
    lead: '이 인증서를 한 번 설치하면 브라우저가 보안 경고 없이 소통에 HTTPS로 접속합니다.',
    download: '인증서 내려받기 (sotong-ca.crt)',
    check: '설치하기 전에 아래 지문이 IT 담당자가 알려준 값과 같은지 확인하세요.',
    fingerprint: 'SHA-256 지문',
    valid: '유효 기간',
    steps: '설치 방법',
    back: '소통으로 돌아가기',
    installTitle: '보안 연결(HTTPS)로 옮기기 전에 인증서를 설치하세요',
    checking: '이 브라우저가 인증서를 신뢰하는지 확인하는 중…',
    untrusted: '이 브라우저는 아직 소통 인증서를 신뢰하지 않습니다. 아래 방법으로 설치하면 이 페이지가 스스로 확인하고 소통으로 넘어갑니다.',
    trusted: '인증서를 신뢰합니다. 보안 연결로 이동하는 중…',
    os: {
      Windows: '내려받은 파일을 더블클릭 → "인증서 설치" → "로컬 컴퓨터" → "모든 인증서를 다음 저장소에 저장" → "신뢰할 수 있는 루트 인증 기관" → 마침. 또는 관리자 명령 프롬프트에서: <code>certutil -addstore -f Root sotong-ca.crt</code>',
      macOS: '파일을 더블클릭해 키체인 접근에 추가 → "Sotong Local CA"를 더블클릭 → "신뢰" → "이 인증서 사용 시: 항상 신뢰".',
      iOS: 'Safari로 이 페이지를 열어 내려받기 → 설정 → "프로파일이 다운로드됨" → 설치. 그다음 설정 → 일반 → 정보 → 인증서 신뢰 설정에서 "Sotong Local CA"를 켭니다.',
      Android: '파일을 내려받은 뒤 설정 → 보안 → 암호화 및 사용자 인증 정보 → 인증서 설치 → "CA 인증서"를 선택하고 파일을 고릅니다.',
      Firefox: '설정 → 개인 정보 및 보안 → 인증서 보기 → 인증 기관 → 가져오기 → 파일 선택 → "웹 사이트 식별에 이 CA를 신뢰" 체크.',
    },
  },
  en: {
    title: 'Install the Sotong certificate',
    lead: 'Install this certificate once and browsers will open Sotong over HTTPS without security warnings.',
    download: 'Download the certificate (sotong-ca.crt)',
    check: 'Before installing, check that the fingerprint below matches the one your IT staff gave you.',
    fingerprint: 'SHA-256 fingerprint',
    valid: 'Valid',
    steps: 'How to install',
    back: 'Back to Sotong',
    installTitle: 'Install the certificate before moving to HTTPS',
    checking: 'Checking whether this browser trusts the certificate…',
    untrusted: 'This browser does not trust the Sotong certificate yet. Install it as shown below; this page checks again by itself and then opens Sotong.',
    trusted: 'The certificate is trusted. Moving to the secure connection…',
    os: {
      Windows: 'Double-click the downloaded file → "Install Certificate" → "Local Machine" → "Place all certificates in the following store" → "Trusted Root Certification Authorities" → Finish. Or, in an administrator command prompt: <code>certutil -addstore -f Root sotong-ca.crt</code>',
      macOS: 'Double-click the file to add it to Keychain Access → double-click "Sotong Local CA" → "Trust" → "When using this certificate: Always Trust".',
      iOS: 'Open this page in Safari and download → Settings → "Profile Downloaded" → Install. Then Settings → General → About → Certificate Trust Settings and switch on "Sotong Local CA".',
      Android: 'Download the file, then Settings → Security → Encryption & credentials → Install a certificate → "CA certificate" and pick the file.',
      Firefox: 'Settings → Privacy & Security → View Certificates → Authorities → Import → choose the file → tick "Trust this CA to identify websites".',
    },
  },
} as const;

/**
 * The CA page; as the install page (`install`), where pages are sent after the switch while their
 * browser does not trust the CA, it adds the trust status and the script that moves on (install-script.ts).
 */
export function renderCaPage(info: CaInfo, lang: Lang, install = false): string {
  const t = TEXT[lang];
  const status = install
    ? `<div class="card status" id="trust-status" role="status" data-testid="install-status" data-state="checking" data-untrusted="${t.untrusted}" data-trusted="${t.trusted}">${t.checking}</div>`
    : '';
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const steps = Object.entries(t.os)
    .map(([os, how]) => `<li data-os="${os}"><strong>${os}</strong><p>${how}</p></li>`)
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${install ? t.installTitle : t.title}</title>
<style>
  body{font-family:system-ui,-apple-system,"Segoe UI","Malgun Gothic","Apple SD Gothic Neo",sans-serif;margin:0;background:#f4f5f7;color:#1d2129}
  main{max-width:720px;margin:0 auto;padding:32px 20px 48px}
  h1{font-size:1.6rem;margin:0 0 8px}
  .card{background:#fff;border-radius:14px;padding:20px 22px;margin:18px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  .btn{display:inline-block;background:#3b5bdb;color:#fff;text-decoration:none;padding:12px 18px;border-radius:10px;font-weight:600}
  code,.fp{font-family:ui-monospace,Consolas,monospace;font-size:.9rem;word-break:break-all}
  .fp{background:#f1f3f5;padding:10px 12px;border-radius:8px;display:block;margin-top:6px}
  ol{padding-left:20px} li{margin:12px 0} li p{margin:4px 0 0;line-height:1.55}
  .muted{color:#5c6370} a.back{color:#3b5bdb}
  .status{border-left:4px solid #3b5bdb;font-weight:600} .status[data-state=untrusted]{border-color:#c92a2a}
  li.mine{background:#edf2ff;border-radius:8px;padding:8px 10px}
</style></head>
<body><main>
<h1>${install ? t.installTitle : t.title}</h1>
<p class="muted">${t.lead}</p>
${status}
<div class="card">
  <p><a class="btn" href="/ca.crt" download="sotong-ca.crt">${t.download}</a></p>
  <p>${t.check}</p>
  <div><strong>${t.fingerprint}</strong><span class="fp" data-testid="ca-fingerprint">${escape(info.fingerprintSha256)}</span></div>
  <p class="muted">${escape(info.subject.replace(/\n/g, ', '))} · ${t.valid}: ${date(info.notBefore)} – ${date(info.notAfter)}</p>
</div>
<div class="card"><h2>${t.steps}</h2><ol>${steps}</ol></div>
${install ? '' : `<p><a class="back" href="/">${t.back}</a></p>`}
</main>${install ? '<script src="/install.js"></script>' : ''}</body></html>`;
}
