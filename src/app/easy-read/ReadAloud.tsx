import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../use-t';
import type { ReadAloudSession } from './read-aloud-engine';
import { markReadAloudUsed } from './route-flags';
import { Picture } from './Picture';

type Status = { kind: 'idle' } | { kind: 'reading' } | { kind: 'finished' } | { kind: 'no-voice'; language: string } | { kind: 'unsupported' };

/**
 * "Read this to me": reads the page's main content aloud with the device's own voices,
 * sentence by sentence, highlighting each as it is read. The speaking code loads only when
 * the button is first pressed. Mounted once per page; leaving the page stops the voice.
 */
export function ReadAloud({ target = 'main-content' }: { target?: string }) {
  const t = useT();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const session = useRef<ReadAloudSession>();
  useEffect(() => () => session.current?.stop(), []);

  const start = async () => {
    const engine = await import('./read-aloud-engine');
    const root = document.getElementById(target);
    const language = document.documentElement.lang || 'en';
    if (!root || !engine.canSpeak()) {
      setStatus({ kind: 'unsupported' });
      return;
    }
    const voice = await engine.findVoice(language);
    if (!voice.ok) {
      setStatus({ kind: 'no-voice', language: engine.languageName(language) });
      return;
    }
    markReadAloudUsed();
    setStatus({ kind: 'reading' });
    session.current = engine.readAloud(root, language, voice.voice);
    const outcome = await session.current.done;
    if (outcome === 'finished') setStatus({ kind: 'finished' });
  };

  const stop = () => {
    session.current?.stop();
    setStatus({ kind: 'idle' });
  };

  const reading = status.kind === 'reading';
  return (
    <div class="app-read-aloud" data-no-read>
      <button type="button" class="govuk-button govuk-button--secondary app-read-aloud__button" aria-pressed={reading} onClick={() => (reading ? stop() : void start())}>
        <Picture id={reading ? '23F9' : '1F50A'} size={32} />
        {reading ? t('listen.stop') : t('listen.readToMe')}
      </button>
      <p class="govuk-body app-read-aloud__status" aria-live="polite">
        {status.kind === 'reading' && t('listen.reading')}
        {status.kind === 'finished' && t('listen.finished')}
        {status.kind === 'no-voice' && t('listen.noVoice', { language: status.language })}
        {status.kind === 'unsupported' && t('listen.notSupported')}
      </p>
    </div>
  );
}
