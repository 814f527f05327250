import { t } from '../lib/i18n.ts';
import { useStore } from '../state/store.ts';
import { LoginScreen } from './auth/LoginScreen.tsx';
import { SetupScreen } from './auth/SetupScreen.tsx';
import { SignupScreen } from './auth/SignupScreen.tsx';
import { WaitingScreen } from './auth/WaitingScreen.tsx';
import { ForgotPasswordScreen } from './auth/ForgotPasswordScreen.tsx';
import { Logo } from './auth/AuthLayout.tsx';
import { MainApp } from './main/MainApp.tsx';
import { UnreachableScreen } from './auth/UnreachableScreen.tsx';

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
