/** Entry point: nothing renders before office.js is ready. */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { officeReady } from './office/outlookHost';
import { getToken } from './auth/account';
import { createServices } from './services';
import './taskpane.css';

void officeReady().then((host) => {
  const services = createServices(host);
  // Sign in while React renders the first frame, so the first lookup does not wait for it in turn.
  void getToken().catch(() => undefined);
  void services.logger.flush(); // the pane has opened: retry whatever is queued
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  createRoot(container).render(<App host={host} services={services} />);
});
