// Pages that only a signed-in person may see: the browser tests and the
// budgets visit them as the test administrator.
export const needsSignIn = (path) => path.startsWith('/admin') || path === '/profil';
