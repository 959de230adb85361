import { Button, MessageBar, MessageBarBody, Spinner } from './fluent';
import { usePaneT } from '../core/i18n/I18nProvider';
import { usePaneFormStyles } from './PaneForm.styles';

/** The end of every inline pane form: the failure (already worded), then Save and Cancel. */
export function PaneFormFooter({ failure, saving, onCancel }: { failure: string | null; saving: boolean; onCancel: () => void }) {
  const t = usePaneT();
  const styles = usePaneFormStyles();
  return (
    <>
      {failure && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabledFocusable={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
          {saving ? t('pane.form.saving') : t('pane.form.save')}
        </Button>
        <Button type="button" onClick={onCancel} disabled={saving}>{t('pane.form.cancel')}</Button>
      </div>
    </>
  );
}
