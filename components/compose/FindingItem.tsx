import type { Finding } from '@/lib/checks/types';

const severityWord: Record<Finding['severity'], string> = {
  block: 'Problem',
  warn: 'Check',
  info: 'Note',
};

export function FindingItem({ finding, onFix }: { finding: Finding; onFix?: (finding: Finding) => void }) {
  return (
    <li className={`bg-finding bg-${finding.severity}`} data-kind={finding.kind}>
      <span className="bg-severity">{severityWord[finding.severity]}</span>
      <span className="bg-message">{finding.message}</span>
      {finding.fix && onFix && (
        <button type="button" className="bg-fix" onClick={() => onFix(finding)}>
          {finding.fix.label}
        </button>
      )}
    </li>
  );
}
