import sharp from 'sharp';

// Pictures for the screenshots, drawn from SVG so the repository carries no binary samples:
// a campaign key visual, a colour mood board, a chart, and illustrated profile photos.

const FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', sans-serif";

async function render(svg: string, format: 'png' | 'jpeg'): Promise<Buffer> {
  const img = sharp(Buffer.from(svg));
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 86 }).toBuffer();
}

export function keyVisual(): Promise<Buffer> {
  const petals = Array.from({ length: 14 }, (_, i) => {
    const x = (i * 137) % 1600;
    const y = 80 + ((i * 263) % 820);
    const r = 26 + ((i * 17) % 40);
    const c = ['#ffc9d6', '#ffe3ea', '#fff0b3', '#d3f9d8'][i % 4];
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="${c}" fill-opacity="0.75"/>`;
  }).join('');
  return render(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000">
      <defs>
        <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff5f7"/><stop offset="1" stop-color="#e6fcf5"/></linearGradient>
        <linearGradient id="hill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ce99a"/><stop offset="1" stop-color="#2f9e44"/></linearGradient>
      </defs>
      <rect width="1600" height="1000" fill="url(#bg)"/>
      ${petals}
      <path d="M0 760 C 300 640 520 700 820 760 S 1300 640 1600 700 V1000 H0 Z" fill="url(#hill)"/>
      <path d="M0 840 C 380 760 700 900 1000 840 S 1400 800 1600 860 V1000 H0 Z" fill="#2b8a3e" fill-opacity="0.85"/>
      <text x="120" y="330" font-family="${FONT}" font-size="150" font-weight="800" fill="#e64980">SPRING</text>
      <text x="128" y="430" font-family="${FONT}" font-size="64" font-weight="700" fill="#343a40">봄, 새로 시작하는 소통</text>
      <rect x="128" y="480" width="300" height="64" rx="32" fill="#e64980"/>
      <text x="278" y="523" text-anchor="middle" font-family="${FONT}" font-size="28" font-weight="700" fill="#fff">지금 신청하기</text>
      <circle cx="1230" cy="330" r="150" fill="#ffd43b"/>
      <circle cx="1230" cy="330" r="110" fill="#fcc419"/>
    </svg>`,
    'png',
  );
}

export function moodBoard(): Promise<Buffer> {
  const colors = ['#ffdeeb', '#f783ac', '#d6336c', '#fff3bf', '#ffd43b', '#e8f5e9', '#69db7c', '#2b8a3e', '#e7f5ff'];
  const tiles = colors
    .map((c, i) => `<rect x="${40 + (i % 3) * 380}" y="${40 + Math.floor(i / 3) * 380}" width="360" height="360" rx="28" fill="${c}"/>`)
    .join('');
  return render(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1180" height="1180">
      <rect width="1180" height="1180" fill="#fff"/>${tiles}
      <text x="80" y="1110" font-family="${FONT}" font-size="44" font-weight="700" fill="#1c7ed6">#봄캠페인 컬러 팔레트</text>
    </svg>`,
    'jpeg',
  );
}

export function chart(): Promise<Buffer> {
  const values = [42, 55, 48, 71, 66, 88, 97];
  const days = ['월', '화', '수', '목', '금', '토', '일'];
  const bars = values
    .map((v, i) => {
      const h = v * 5;
      const x = 130 + i * 150;
      return `<rect x="${x}" y="${620 - h}" width="84" height="${h}" rx="10" fill="${i === 6 ? '#4c6ef5' : '#bac8ff'}"/>
        <text x="${x + 42}" y="665" text-anchor="middle" font-family="${FONT}" font-size="26" fill="#495057">${days[i]}</text>
        <text x="${x + 42}" y="${600 - h}" text-anchor="middle" font-family="${FONT}" font-size="24" font-weight="700" fill="#364fc7">${v}k</text>`;
    })
    .join('');
  return render(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="720">
      <rect width="1200" height="720" fill="#fff"/>
      <text x="60" y="80" font-family="${FONT}" font-size="40" font-weight="800" fill="#212529">주간 랜딩 페이지 방문자</text>
      <text x="60" y="124" font-family="${FONT}" font-size="24" fill="#868e96">사전 오픈 1주차 · 단위: 천 명</text>
      <line x1="100" y1="620" x2="1140" y2="620" stroke="#dee2e6" stroke-width="2"/>
      ${bars}
    </svg>`,
    'png',
  );
}

/** An illustrated head-and-shoulders portrait on a soft background, as a stand-in for a photo. */
export function portrait(bg: string, skin: string, hair: string, shirt: string, long = false): Promise<Buffer> {
  return render(
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600">
      <rect width="600" height="600" fill="${bg}"/>
      ${long ? `<path d="M170 300 C 160 160 440 160 430 300 L 450 470 L 150 470 Z" fill="${hair}"/>` : ''}
      <path d="M90 600 C 110 450 200 420 300 420 S 490 450 510 600 Z" fill="${shirt}"/>
      <rect x="262" y="330" width="76" height="100" rx="30" fill="${skin}"/>
      <ellipse cx="300" cy="270" rx="108" ry="124" fill="${skin}"/>
      <path d="M188 250 C 180 130 420 120 414 250 C 380 200 260 190 188 250 Z" fill="${hair}"/>
      <circle cx="262" cy="280" r="9" fill="#343a40"/><circle cx="338" cy="280" r="9" fill="#343a40"/>
      <path d="M272 332 Q 300 352 328 332" stroke="#c0504d" stroke-width="7" fill="none" stroke-linecap="round"/>
    </svg>`,
    'jpeg',
  );
}
