import type { ReactNode } from 'react';
import { legacyLogicalPropertiesTransformer, StyleProvider } from '@ant-design/cssinjs';

const supports = (condition: string) => typeof CSS !== 'undefined' && CSS.supports(condition);

// Chromium 86 (360 and Qi-An-Xin browsers) knows neither :where() (88) nor `inset` and the logical
// shorthands (87-89) that Ant Design's styles use; without these fall-backs those rules are dropped.
const hasWhere = supports('selector(:where(a))');
const hasLogicalProperties = supports('(inset: 0) and (margin-inline: 0) and (inset-inline: 0)');

/** Ant Design's styles, rewritten for older Chromium kernels only; current browsers get them unchanged. */
export function OldChromiumStyles({ children }: { children: ReactNode }) {
  if (hasWhere && hasLogicalProperties) return children;
  return (
    <StyleProvider
      hashPriority={hasWhere ? 'low' : 'high'}
      transformers={hasLogicalProperties ? [] : [legacyLogicalPropertiesTransformer]}
    >
      {children}
    </StyleProvider>
  );
}
