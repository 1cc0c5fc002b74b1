/** The API key lives in sessionStorage: it is gone when the browser session ends, and each tab signs in once. */
const storageKey = 'credentials-console.api-key';

export const session = {
  key: (): string | null => sessionStorage.getItem(storageKey),
  signIn: (key: string) => sessionStorage.setItem(storageKey, key),
  signOut: () => sessionStorage.removeItem(storageKey),
};
