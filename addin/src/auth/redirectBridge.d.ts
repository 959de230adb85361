/**
 * `@azure/msal-browser/redirect-bridge` is a subpath export, which the project's `Node10`
 * module resolution does not read (esbuild does); this names the one function we use.
 */
declare module '@azure/msal-browser/redirect-bridge' {
  export function broadcastResponseToMainFrame(): Promise<void>;
}
