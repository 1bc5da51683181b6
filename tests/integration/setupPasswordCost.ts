import { setPasswordCostForTests } from '../../electron/core/features/users/password';

// Integration tests sign in hundreds of times: a cheap scrypt cost keeps them fast. The
// production cost (N = 2^17) is checked in tests/unit/password.test.ts.
setPasswordCostForTests({ N: 2 ** 14, r: 8, p: 1 });
