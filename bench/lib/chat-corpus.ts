// Office chat text for the search benchmark: short Korean messages with some English, words drawn
// with a Zipf-like skew (a few very common, a long tail of rare ones) from a seeded PRNG, so every
// run searches the same text. 회의 occurs alone and inside longer words (회의실, 회의록, 대회의실),
// next to look-alikes that must not match it (의회, 국회의원, 회사), like in a real company.
import { prng } from './context.ts';

const COMMON = ['네', '감사합니다', '확인했습니다', '오늘', '내일', '지금', '혹시', '그럼', '제가', '이번', '자료', '공유', '부탁드립니다', '확인', '좋습니다', '알겠습니다', 'OK', 'ㅎㅎ', '^^', '!', '?'];
const FREQUENT = [
  '다음', '주', '수정', '검토', '일정', '진행', '완료', '요청', '문의', '전달', '메일', '보내드렸습니다', '오후', '오전', '3시', '10시', '까지', '잠시만요',
  '점심', '보고서', '팀장님', '과장님', '대리님', '하겠습니다', '있습니다', '됩니다', '했습니다', '주세요', '어때요', '괜찮아요', 'ㅋㅋ', 'PR', 'meeting',
];
const MEDIUM = [
  '회의', '회의실', '점심시간', '식사', '커피', '출장', '휴가', '연차', '보고', '보고드립니다', '결재', '승인', '계약', '고객', '견적서', '발주', '납품', '품질',
  '생산', '재고', '영업', '마케팅', '디자인', '개발', '배포', '서버', '테스트', '버그', '이슈', '프로젝트', '부장님', '회사', '의견', '논의', '문서', '파일', '링크', '전화',
  '연락', '드릴게요', 'Meeting', 'deadline', 'schedule', 'update', 'review', 'deploy', 'Excel', 'PPT', 'PDF', 'email', 'Zoom', '15일', '2층', '사장님', '교육', '발표',
];
const RARE = [
  '의회', '국회', '국회의원', '대회', '대회의실', '사회', '의논', '실무', '실장님', '세미나', '자료실', '주소', '회식', '야근', '퇴근', '출근', '재택', '택배', '주차',
  '회의록', '회의는', '회의를', '보고서는', '보고서를', '중간보고', '월간보고서', 'release', 'API', 'bug', 'fix', 'server', 'Teams', 'ASAP', 'FYI', 'v2', 'meetings', 'Meetup', '🙂', '👍', '🙏',
];

/** Each tier's share of all words drawn. */
const TIERS: Array<[readonly string[], number]> = [
  [COMMON, 40],
  [FREQUENT, 25],
  [MEDIUM, 20],
  [RARE, 15],
];

/** Syllables for the long tail: made-up words of 2–4 syllables (names, products, places). */
const SYLLABLES = Array.from('가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히민준서연지우현수영진성호정은경동석철숙희재상태혁훈빈');
/** Share of words drawn from the long tail and as numbers (times, amounts, order numbers). */
const TAIL_SHARE = 0.25;
const NUMBER_SHARE = 0.05;

export function chatBodies(seed: number): () => string {
  const random = prng(seed);
  const tailWord = () => {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() ** 1.5 * SYLLABLES.length)]!;
    return w;
  };
  const words = TIERS.flatMap(([list]) => list);
  const cumulative: number[] = [];
  let total = 0;
  for (const [list, share] of TIERS) {
    // Zipf-like inside the tier: the i-th word weighs 1/(i+1)^0.6, the tier as a whole its share.
    const weights = list.map((_, i) => 1 / (i + 1) ** 0.6);
    const sum = weights.reduce((a, b) => a + b, 0);
    for (const w of weights) {
      total += (share * w) / sum;
      cumulative.push(total);
    }
  }
  const pick = () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const word = () => {
    const x = random();
    if (x < TAIL_SHARE) return tailWord();
    if (x < TAIL_SHARE + NUMBER_SHARE) return String(Math.floor(random() ** 3 * 100_000));
    return pick();
  };
  return () => {
    // Mostly short messages, a few long ones.
    const n = 1 + Math.floor(random() ** 2 * 14);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(word());
    return parts.join(' ');
  };
}
