/**
 * Shared Components
 *
 * Reusable React components; apps import them by folder: @shared/components/<folder>.
 */

export * from './button';
