/**
 * One repository per aggregate, over one engine: the persistence layer the use cases get.
 * Nothing above this folder imports mongoose or knows which engine runs.
 */
import type { Engine } from '../engine';
import type { Models } from '../models';
import { actionRepository, type ActionRepository } from './actions';
import { contactRepository, type ContactRepository } from './contacts';
import { customerRepository, type CustomerRepository } from './customers';
import { mailLogRepository, type MailLogRepository } from './mailLogs';
import { referenceData, type ReferenceData } from './referenceData';
import { uniqueKeyRepository, type UniqueKeyRepository } from './uniqueKeys';
import { userRepository, type UserRepository } from './users';
import { auditRepository, type AuditRepository } from './audit';
import { mergeRecordRepository, type MergeRecordRepository } from './mergeRecords';

export interface Repositories {
  customers: CustomerRepository;
  contacts: ContactRepository;
  actions: ActionRepository;
  keys: UniqueKeyRepository;
  mailLogs: MailLogRepository;
  users: UserRepository;
  audit: AuditRepository;
  merges: MergeRecordRepository;
  reference: ReferenceData;
}

export function createRepositories(models: Models, engine: Engine): Repositories {
  const reference = referenceData(models);
  return {
    customers: customerRepository(models, engine),
    contacts: contactRepository(models, engine),
    actions: actionRepository(models, engine),
    keys: uniqueKeyRepository(models, engine),
    mailLogs: mailLogRepository(models, engine),
    users: userRepository(models, engine, reference),
    audit: auditRepository(models),
    merges: mergeRecordRepository(models),
    reference,
  };
}

export type { ActionRecord, ContactRecord, CustomerRecord, CustomerFields, ContactFields, UserRecord, MailParticipants } from './records';
export type { KeyClaim, KeyRef } from './uniqueKeys';
export type { MailLogEntry } from './mailLogs';
export type { ReferenceSnapshot } from './referenceData';
export type { AuditRecord, StoredAuditRecord } from './audit';
export type { NewUser } from './users';
export type { MergeRecord } from './mergeRecords';
export { RECENT_ACTIONS } from './customers';
