/** The dialogs every page of the web app uses: log an action, create/change a task, complete a task. */
export { LogActionButton, LogActionDialog, type LogActionDefaults, type LogActionDialogProps } from './actions/LogActionDialog';
export { TaskDialog, type TaskDialogProps } from './tasks/TaskDialog';
export { CompleteTaskDialog, type CompleteTaskDialogProps } from './tasks/CompleteTaskDialog';
export { CustomerPicker, type CustomerRef } from './tasks/CustomerPicker';
export { invalidateCustomerWork, queryKeys, useCustomerContacts } from './common/queries';
