/** `/app/`: each role's desktop. Account managers: their desk; management: the dashboard; administrators: data quality. */
import type { User } from '../../../../shared/contract';
import { DashboardSection } from '../admin/AdminSection';
import { AccountManagerDesk } from './AccountManagerDesk';
import { DataQualityDesk } from './DataQualityDesk';

export function DesktopPage({ me }: { me: User }) {
  if (me.role === 'management') return <DashboardSection />;
  if (me.role === 'admin') return <DataQualityDesk />;
  return <AccountManagerDesk me={me} />;
}
