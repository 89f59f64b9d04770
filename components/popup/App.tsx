import { ConnectionStatus } from './ConnectionStatus';
import { Diagnostics } from './Diagnostics';
import { RecentBounces } from './RecentBounces';
import './popup.css';

export function App() {
  return (
    <main className="popup">
      <h1>Bounce Guard</h1>
      <RecentBounces />
      <ConnectionStatus />
      <Diagnostics />
    </main>
  );
}
