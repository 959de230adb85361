/** A link inside the web app: wouter navigation (no reload, the /app base added) with Fluent's link look. */
import { Link as FluentLink } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Link } from 'wouter';

export function AppLink({ href, children, className, ...rest }: { href: string; children: ReactNode; className?: string; 'aria-label'?: string; 'data-testid'?: string }) {
  return (
    <Link href={href} asChild>
      <FluentLink as="a" className={className} {...rest}>{children}</FluentLink>
    </Link>
  );
}
