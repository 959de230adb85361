/** Stylesheets imported for their side effect; esbuild bundles them into taskpane.css. */
declare module '*.css';
