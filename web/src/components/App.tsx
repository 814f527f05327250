import { t } from '../lib/i18n.ts';
import { useStore } from '../state/store.ts';
import { LoginScreen } from './auth/LoginScreen.tsx';
import { Logo } from './auth/AuthLayout.tsx';
import { MainApp } from './main/MainApp.tsx';
import { UnreachableScreen } from './auth/UnreachableScreen.tsx';
import { lazyPart } from './common/lazy.tsx';

// Screens most people see once, or never: fetched when shown.
const SetupScreen = lazyPart(() => import('./auth/SetupScreen.tsx').then((m) => m.SetupScreen));
const SignupScreen = lazyPart(() => import('./auth/SignupScreen.tsx').then((m) => m.SignupScreen));
const WaitingScreen = lazyPart(() => import('./auth/WaitingScreen.tsx').then((m) => m.WaitingScreen));
const ForgotPasswordScreen = lazyPart(() => import('./auth/ForgotPasswordScreen.tsx').then((m) => m.ForgotPasswordScreen));

function Toast() {
  const toast = useStore((s) => s.toast);
  if (!toast) return null;
  return (
    <div class={`toast ${toast.kind}`} role="status" data-testid="toast">
      {toast.text}
    </div>
  );
}

function Screen() {
  const screen = useStore((s) => s.screen);
  switch (screen) {
    case 'loading':
      return (
        <div class="splash" aria-label={t.loading}>
          <Logo size={56} />
        </div>
      );
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen />;
    case 'signup':
      return <SignupScreen />;
    case 'waiting':
      return <WaitingScreen />;
    case 'forgot':
      return <ForgotPasswordScreen />;
    case 'app':
      return <MainApp />;
    case 'unreachable':
      return <UnreachableScreen />;
  }
}

export function App() {
  return (
    <>
      <Screen />
      <Toast />
    </>
  );
}
