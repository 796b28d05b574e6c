export {
  diffRows,
  flattenSnapshot,
  hasSharedKeys,
  type DiffRow,
  type FieldValue,
  type SnapshotField,
} from '@gonghui/contracts';
