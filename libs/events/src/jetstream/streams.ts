import { DiscardPolicy, JetStreamManager, NatsError, RetentionPolicy, StorageType, nanos } from 'nats';
import { AppConfig } from '@app/config';
import { Logger } from '@app/logging';
import { SUBJECT_ROOT } from '../catalogue';

/** Window in which JetStream drops a re-published message with the same `Nats-Msg-Id`. */
const DUPLICATE_WINDOW_MS = 5 * 60 * 1000;

interface StreamSpec {
  name: string;
  subjects: string[];
}

export function streamSpecs(config: AppConfig['streams']): StreamSpec[] {
  return [
    { name: config.provisioning, subjects: [`${SUBJECT_ROOT.provisioning}.>`] },
    { name: config.access, subjects: [`${SUBJECT_ROOT.access}.>`] },
    { name: config.deadLetter, subjects: [`${SUBJECT_ROOT.deadLetter}.>`] },
  ];
}

/** Creates each stream that does not exist yet and applies the configured retention to existing ones. */
export async function ensureStreams(
  manager: JetStreamManager,
  config: AppConfig['streams'],
  logger: Logger,
): Promise<void> {
  for (const spec of streamSpecs(config)) {
    const maxAge = nanos(config.maxAgeHours * 3600 * 1000);
    try {
      const info = await manager.streams.info(spec.name);
      if (info.config.max_age !== maxAge) {
        await manager.streams.update(spec.name, { ...info.config, max_age: maxAge });
        logger.info({ stream: spec.name, maxAgeHours: config.maxAgeHours }, 'JetStream stream retention updated');
      }
      continue;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    await manager.streams.add({
      name: spec.name,
      subjects: spec.subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: maxAge,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
    logger.info({ stream: spec.name, subjects: spec.subjects }, 'JetStream stream created');
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof NatsError && (error.code === '404' || error.api_error?.err_code === 10059 || error.api_error?.err_code === 10014);
}
