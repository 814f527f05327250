import { AppError } from '../http/app-error.ts';
import { AttemptLimiter, type Limit, type Reservation } from './attempt-limiter.ts';

// How often one client address may try what costs a password hash or guesses a secret: logging in,
// signing up, the first-admin setup code from another PC, filing a password-reset request, and the
// current password asked for by a password change.

export interface AttemptWindow {
  max: number;
  windowMs: number;
}

export interface AccountLimitPolicies {
  /** Failed (or still running) logins for one login name from one address. */
  loginPerAccount: AttemptWindow;
  /** Failed (or still running) logins from one address, whatever the login name. */
  loginPerAddress: AttemptWindow;
  /** Sign-ups from one address, accepted or not. */
  signupPerAddress: AttemptWindow;
  /** Setup-code attempts from one address that is not the server PC. */
  setupCodePerAddress: AttemptWindow;
  /** Password-reset requests from one address, whatever the login. */
  resetPerAddress: AttemptWindow;
  /** Password-reset requests naming one login, from anywhere. */
  resetPerLogin: AttemptWindow;
  /** Wrong (or still running) current passwords given to a password change, per account. */
  passwordChangePerAccount: AttemptWindow;
}

const MINUTE = 60_000;

export const DEFAULT_ACCOUNT_LIMITS: AccountLimitPolicies = {
  loginPerAccount: { max: 5, windowMs: 5 * MINUTE },
  loginPerAddress: { max: 30, windowMs: 5 * MINUTE },
  signupPerAddress: { max: 10, windowMs: 15 * MINUTE },
  setupCodePerAddress: { max: 10, windowMs: 15 * MINUTE },
  resetPerAddress: { max: 5, windowMs: 15 * MINUTE },
  resetPerLogin: { max: 5, windowMs: 15 * MINUTE },
  passwordChangePerAccount: { max: 5, windowMs: 5 * MINUTE },
};

/** A reserved attempt: release it when it must not count, keep it when it should. */
export interface Attempt {
  release(): void;
}

export interface LoginAttempt extends Attempt {
  /** The right password: this attempt does not count, and the login's earlier failures are forgotten. */
  succeeded(): void;
}

/** The same normalisation as the account lookup, so " Kim@x " and "kim@x" share one budget. */
const loginKey = (address: string, login: string) => `login:${address}:${login.trim().toLowerCase()}`;

export class AccountLimits {
  private readonly policies: AccountLimitPolicies;

  constructor(
    policies: Partial<AccountLimitPolicies> = {},
    private readonly limiter = new AttemptLimiter(),
  ) {
    this.policies = { ...DEFAULT_ACCOUNT_LIMITS, ...policies };
  }

  /** Reserves a login attempt before the password is hashed, or throws RATE_LIMITED. */
  login(address: string, login: string, perAccount = this.policies.loginPerAccount): LoginAttempt {
    const key = loginKey(address, login);
    const attempt = admitted(
      this.limiter.reserve([
        { key: `login-address:${address}`, ...this.policies.loginPerAddress },
        { key, ...perAccount },
      ]),
    );
    return {
      release: attempt.release,
      succeeded: () => {
        attempt.release();
        this.limiter.forget(key);
      },
    };
  }

  signup(address: string): Attempt {
    return this.reserve({ key: `signup:${address}`, ...this.policies.signupPerAddress });
  }

  setupCode(address: string): Attempt {
    return this.reserve({ key: `setup-code:${address}`, ...this.policies.setupCodePerAddress });
  }

  /** Both budgets at once: per address and per login (normalised like the account lookup). */
  passwordReset(address: string, login: string): Attempt {
    return admitted(
      this.limiter.reserve([
        { key: `reset-address:${address}`, ...this.policies.resetPerAddress },
        { key: `reset-login:${login.trim().toLowerCase()}`, ...this.policies.resetPerLogin },
      ]),
    );
  }

  /**
   * The current password of a password change, per account and address like a login: also
   * reserved before the hash, and a right password forgets the earlier failures.
   */
  currentPassword(address: string, userId: number): LoginAttempt {
    return this.login(address, `#user:${userId}`, this.policies.passwordChangePerAccount);
  }

  private reserve(limit: Limit): Attempt {
    return admitted(this.limiter.reserve([limit]));
  }
}

function admitted(reservation: Reservation): Attempt {
  if (!reservation.ok) throw new AppError('RATE_LIMITED', { 'retry-after': String(reservation.retryAfterSec) });
  return reservation;
}
