// One CSP for both hosts (the app:// protocol in Electron and HTTP in browser mode). Styles may be inline
// because antd injects its CSS-in-JS at run time; scripts come only from our own files.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
