import { useEffect, useRef, useState } from 'preact/hooks';
import {
  MAX_ZOOM,
  clampCrop,
  displayRect,
  dragCrop,
  initialCrop,
  outputSize,
  sourceRect,
  zoomCrop,
  type Crop,
  type ImageSize,
} from '../../lib/crop.ts';
import { extensionOf } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { savePhoto } from '../../state/profile.ts';
import { showToast } from '../../state/toast.ts';
import { FormError } from '../auth/AuthLayout.tsx';
import { Dialog } from '../common/Dialog.tsx';
import { DialogFooter } from '../common/DialogFooter.tsx';
import { useSubmit } from '../common/useSubmit.ts';

/** The stage shows some of the picture around the square, dimmed, so it is clear what is left out. */
const STAGE = 300;
const VIEW = 240;
const INSET = (STAGE - VIEW) / 2;
const KEY_STEP = 12;

/** Draws the chosen square onto a canvas and encodes it: JPEG for photos, PNG where there may be transparency. */
function encodeSquare(img: HTMLImageElement, crop: Crop, size: ImageSize, jpeg: boolean): Promise<Blob> {
  const out = outputSize(crop, size);
  const canvas = document.createElement('canvas');
  canvas.width = out;
  canvas.height = out;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error(t.photoUnreadable));
  ctx.imageSmoothingQuality = 'high';
  const { sx, sy, size: side } = sourceRect(crop, size);
  ctx.drawImage(img, sx, sy, side, side, 0, 0, out, out);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t.photoUnreadable))), jpeg ? 'image/jpeg' : 'image/png', 0.92),
  );
}

export function AvatarCropper({ file, onClose }: { file: File; onClose: () => void }) {
  const [url] = useState(() => URL.createObjectURL(file));
  const img = useRef<HTMLImageElement>(null);
  const [size, setSize] = useState<ImageSize | null>(null);
  const [crop, setCrop] = useState<Crop | null>(null);
  const { busy, error, setError, run } = useSubmit();
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);

  useEffect(() => () => URL.revokeObjectURL(url), [url]);

  const onLoad = () => {
    const el = img.current;
    if (!el || !el.naturalWidth || !el.naturalHeight) return setError(t.photoUnreadable);
    const s = { width: el.naturalWidth, height: el.naturalHeight };
    setSize(s);
    setCrop(initialCrop(s));
  };

  const move = (dx: number, dy: number) => size && setCrop((c) => (c ? dragCrop(c, dx, dy, size, VIEW) : c));
  const zoomTo = (z: number) => size && setCrop((c) => (c ? zoomCrop(c, z, size) : c));

  const onPointerDown = (e: PointerEvent) => {
    if (!crop) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    move(e.clientX - d.x, e.clientY - d.y);
    drag.current = { id: d.id, x: e.clientX, y: e.clientY };
  };
  const onPointerUp = (e: PointerEvent) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };
  const onWheel = (e: WheelEvent) => {
    if (!crop) return;
    e.preventDefault();
    zoomTo(crop.zoom * (e.deltaY < 0 ? 1.08 : 1 / 1.08));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!crop) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [KEY_STEP, 0],
      ArrowRight: [-KEY_STEP, 0],
      ArrowUp: [0, KEY_STEP],
      ArrowDown: [0, -KEY_STEP],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      move(m[0], m[1]);
    } else if (e.key === '+' || e.key === '=') zoomTo(crop.zoom * 1.1);
    else if (e.key === '-') zoomTo(crop.zoom / 1.1);
  };

  const save = async () => {
    const el = img.current;
    if (!el || !crop || !size) return;
    await run(async () => {
      const jpeg = ['jpg', 'jpeg'].includes(extensionOf(file.name)) || file.type === 'image/jpeg';
      const blob = await encodeSquare(el, clampCrop(crop, size), size, jpeg);
      await savePhoto(blob, jpeg ? 'avatar.jpg' : 'avatar.png');
      showToast(t.photoSaved);
      onClose();
    });
  };

  const rect = crop && size ? displayRect(crop, size, VIEW) : null;
  return (
    <Dialog
      title={t.cropTitle}
      onClose={onClose}
      testid="avatar-cropper"
      footer={
        <DialogFooter
          onCancel={onClose}
          label={t.usePhoto}
          busyLabel={t.saving}
          busy={busy}
          disabled={!crop}
          onSubmit={() => void save()}
          testid="crop-save"
        />
      }
    >
      <p class="dialog-text muted">{t.cropHint}</p>
      <div
        class={crop ? 'crop-stage ready' : 'crop-stage'}
        style={{ width: `${STAGE}px`, height: `${STAGE}px` }}
        tabIndex={0}
        aria-label={t.cropHint}
        data-autofocus
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
        data-testid="crop-stage"
      >
        <img
          ref={img}
          src={url}
          alt=""
          draggable={false}
          onLoad={onLoad}
          onError={() => setError(t.photoUnreadable)}
          style={
            rect
              ? { left: `${INSET + rect.left}px`, top: `${INSET + rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` }
              : { visibility: 'hidden' }
          }
        />
        <div class="crop-mask" style={{ inset: `${INSET}px` }} aria-hidden="true" />
      </div>
      <label class="crop-zoom">
        <span>{t.zoom}</span>
        <input
          type="range"
          min={1}
          max={MAX_ZOOM}
          step={0.01}
          value={crop?.zoom ?? 1}
          disabled={!crop}
          onInput={(e) => zoomTo(Number(e.currentTarget.value))}
          data-testid="crop-zoom"
        />
      </label>
      <FormError text={error} />
    </Dialog>
  );
}
