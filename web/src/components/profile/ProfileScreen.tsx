import { useEffect, useRef, useState } from 'preact/hooks';
import { IMAGE_EXTENSIONS, extensionOf, formatSize } from '../../lib/files.ts';
import { t } from '../../lib/i18n.ts';
import { saveProfile } from '../../state/profile.ts';
import { useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { Field, FormError } from '../auth/AuthLayout.tsx';
import { UserAvatar } from '../common/Avatar.tsx';
import { CameraIcon } from '../common/icons.tsx';
import { subtitle } from '../main/people.ts';
import { AvatarCropper } from './AvatarCropper.tsx';
import { PasswordChangeCard } from './PasswordChangeCard.tsx';

const NAME_MAX = 50;
const STATUS_MAX = 100;
/**
 * The picked picture is only decoded and cropped here; what is uploaded is a small square, so the
 * source may be larger than the server's 5 MB avatar limit. This only keeps the decode sane.
 */
const SOURCE_MAX_BYTES = 30 * 1024 * 1024;

export function ProfileScreen() {
  const me = useStore((s) => s.me);
  const [name, setName] = useState(me?.name ?? '');
  const [status, setStatus] = useState(me?.statusMessage ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  // Saved in another tab: follow it, unless this form has edits of its own.
  const saved = useRef({ name: me?.name ?? '', status: me?.statusMessage ?? '' });
  useEffect(() => {
    if (!me) return;
    if (name === saved.current.name) setName(me.name);
    if (status === saved.current.status) setStatus(me.statusMessage);
    saved.current = { name: me.name, status: me.statusMessage };
  }, [me?.name, me?.statusMessage]);

  if (!me) return null;
  const dirty = name.trim() !== me.name || status.trim() !== me.statusMessage;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await saveProfile({ name: name.trim(), statusMessage: status.trim() });
      showToast(t.profileSaved);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const picked = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (!IMAGE_EXTENSIONS.includes(extensionOf(file.name))) return setError(t.photoTypeHint);
    if (file.size > SOURCE_MAX_BYTES) return setError(t.photoTooBig(formatSize(SOURCE_MAX_BYTES)));
    setError(null);
    setPhoto(file);
  };

  const preview = { ...me, name: name.trim() || me.name, statusMessage: status.trim() };

  return (
    <section class="page" data-testid="profile-screen">
      <header class="page-head">
        <div>
          <h1>{t.profile}</h1>
          <p class="muted">{t.profileLead}</p>
        </div>
      </header>
      <div class="profile-grid">
        <div class="card profile-card">
          <div class="profile-photo">
            <UserAvatar user={me} size="xl" />
            <button type="button" class="photo-btn" onClick={() => picker.current?.click()} data-testid="change-photo">
              <CameraIcon size={17} />
              {me.avatarFileId ? t.changePhoto : t.addPhoto}
            </button>
            <input
              ref={picker}
              type="file"
              hidden
              accept={IMAGE_EXTENSIONS.map((e) => `.${e}`).join(',')}
              onChange={(e) => picked(e.currentTarget)}
              data-testid="photo-input"
            />
          </div>
          <form class="profile-form" onSubmit={submit} data-testid="profile-form">
            <Field label={t.name} name="displayName" value={name} onInput={setName} required maxLength={NAME_MAX} autoComplete="name" />
            <Field
              label={t.statusMessage}
              name="statusMessage"
              value={status}
              onInput={setStatus}
              maxLength={STATUS_MAX}
              hint={`${status.length} / ${STATUS_MAX}`}
            />
            <FormError text={error} />
            <div class="profile-actions">
              <button type="submit" class="btn primary" disabled={!dirty || busy || !name.trim()} data-testid="save-profile">
                {busy ? t.saving : t.save}
              </button>
            </div>
          </form>
        </div>
        <div class="card profile-side">
          <div class="card-title">{t.previewAs}</div>
          <div class="row person-row preview-row" aria-hidden="true">
            <UserAvatar user={preview} online />
            <span class="row-main">
              <span class="row-top">
                <span class="row-title">{preview.name}</span>
              </span>
              <span class="row-bottom">
                <span class="row-preview">{preview.statusMessage || subtitle(preview)}</span>
              </span>
            </span>
          </div>
          <div class="card-title">{t.accountInfo}</div>
          <dl class="facts">
            <dt>{t.department}</dt>
            <dd>{me.department || '—'}</dd>
            <dt>{t.position}</dt>
            <dd>{me.position || '—'}</dd>
            <dt>{t.email}</dt>
            <dd>{me.email}</dd>
            <dt>{t.employeeNo}</dt>
            <dd>{me.employeeNo}</dd>
          </dl>
          <p class="muted small facts-hint">{t.accountInfoHint}</p>
        </div>
        <PasswordChangeCard />
      </div>
      {photo && <AvatarCropper file={photo} onClose={() => setPhoto(null)} />}
    </section>
  );
}
