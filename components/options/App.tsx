import { ChecksSection } from './ChecksSection';
import { DomainsSection } from './DomainsSection';
import { NotificationsSection } from './NotificationsSection';
import { ServerSection } from './ServerSection';
import { SuppressionListSection } from './SuppressionListSection';
import './options.css';

export function App() {
  return (
    <main className="options">
      <h1>Bounce Guard options</h1>
      <ChecksSection />
      <DomainsSection />
      <NotificationsSection />
      <ServerSection />
      <SuppressionListSection />
    </main>
  );
}
