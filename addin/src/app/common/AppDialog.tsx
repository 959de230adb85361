/** A dialog of the web app (see ./useDialog): always mounted, opened by `open`; its content mounts at each opening. */
import { Dialog, DialogSurface, type DialogProps } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface AppDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  modalType?: DialogProps['modalType'];
  /** The form (DialogBody …): mounted while the dialog is open, so its state starts afresh each time. */
  children: ReactNode;
}

export function AppDialog({ open, onOpenChange, modalType = 'modal', children }: AppDialogProps) {
  return (
    <Dialog open={open} modalType={modalType} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogSurface aria-describedby={undefined}>{open && children}</DialogSurface>
    </Dialog>
  );
}
