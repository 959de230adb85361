/** The strict XML reader, shared with the unified-manifest generator (scripts/lib/xml.ts). */
export * from '../../scripts/lib/xml';
