import { useMemo } from 'preact/hooks';
import { qrPath } from '../lib/qr.ts';

/** Drawn in the page from the address itself; nothing is fetched from anywhere. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  const quiet = 2;
  const box = size + quiet * 2;
  return (
    <svg
      class="qr"
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      role="img"
      aria-label={label}
      data-testid="address-qr"
      shape-rendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={d} fill="#111827" />
    </svg>
  );
}
