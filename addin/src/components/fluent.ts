/**
 * The Fluent UI v9 parts of the task pane, each from its own package rather than the
 * `@fluentui/react-components` barrel. esbuild assigns a module to a chunk by what can reach it:
 * a barrel reached from the first load drags every component a lazy chunk uses into the first
 * load. So the pane imports its first-load parts here, and the forms (./forms, loaded on demand)
 * import their fields (Field, Input, Select) from their packages themselves: about 5 KB gzip of the
 * first load. The web app, one bundle, keeps the barrel.
 */
export { Badge, type BadgeProps } from '@fluentui/react-badge';
export { Button } from '@fluentui/react-button';
export { Checkbox } from '@fluentui/react-checkbox';
export { Link } from '@fluentui/react-link';
export { MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-message-bar';
export { FluentProvider } from '@fluentui/react-provider';
export { Spinner } from '@fluentui/react-spinner';
export { Text } from '@fluentui/react-text';
export { tokens, webDarkTheme, webLightTheme } from '@fluentui/react-theme';
export { makeStyles, mergeClasses } from '@griffel/react';
