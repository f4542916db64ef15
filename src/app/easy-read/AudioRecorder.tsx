import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_AUDIO_SECONDS, RECORDING_TYPES } from '../../shared';
import { deleteAudio, getAudio, saveAudio, StorageFullError, type DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import { formatSeconds } from './SpokenAnswer';

/** Props of the recorder: the answer it shows and where a new recording goes. */
export interface AudioRecorderProps {
  answer: DraftAnswer | undefined;
  onChange: (answer: DraftAnswer) => void;
}

// Written out, so each key is checked and can be found by a search.
const PROBLEMS = { notAllowed: 'audio.notAllowed', notSupported: 'audio.notSupported', storageFull: 'audio.storageFull' } as const;
const NOTICES = { reachedLimit: 'audio.reachedLimit', deleted: 'audio.deleted', saved: 'audio.saved' } as const;
type Problem = keyof typeof PROBLEMS;
type Notice = keyof typeof NOTICES;

/** The container this browser records into: WebM/Opus where it can, MP4 (Safari) otherwise. */
export function recordingType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
}

/**
 * Records a spoken answer with MediaRecorder, up to MAX_AUDIO_SECONDS with a visible timer,
 * and keeps it in IndexedDB (bytes and type) under a new id; the answer refers to it by
 * `{ id, type, seconds }`. The person can play it back, record again or delete it.
 */
export function AudioRecorder({ answer, onChange }: AudioRecorderProps) {
  const t = useT();
  const [recording, setRecording] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<Notice>();
  const [url, setUrl] = useState<string>();
  const recorder = useRef<MediaRecorder>();
  const stopTimer = useRef<() => void>();
  const current = answer?.audio;

  // Play back what is stored on the device (also after a reload mid-answer).
  useEffect(() => {
    if (!current) return setUrl(undefined);
    let made: string | undefined;
    let alive = true;
    void getAudio(current.id).then((record) => {
      if (!alive || !record) return;
      made = URL.createObjectURL(new Blob([record.bytes], { type: record.type }));
      setUrl(made);
    });
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [current?.id]);

  // Leaving the page mid-recording releases the microphone.
  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);

  const start = async () => {
    setProblem(undefined);
    setNotice(undefined);
    const type = recordingType();
    if (!type || !navigator.mediaDevices?.getUserMedia) return setProblem('notSupported');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      return setProblem('notAllowed');
    }
    const chunks: Blob[] = [];
    const media = new MediaRecorder(stream, { mimeType: type });
    recorder.current = media;
    const began = performance.now();
    const tick = setInterval(() => {
      const seconds = (performance.now() - began) / 1000;
      setElapsed(seconds);
      if (seconds >= MAX_AUDIO_SECONDS) {
        setNotice('reachedLimit');
        media.stop();
      }
    }, 250);
    stopTimer.current = () => clearInterval(tick);
    media.ondataavailable = (event) => chunks.push(event.data);
    media.onstop = () => {
      clearInterval(tick);
      stream.getTracks().forEach((track) => track.stop());
      setRecording(false);
      const seconds = Math.min(MAX_AUDIO_SECONDS, Math.round((performance.now() - began) / 100) / 10);
      void keep(new Blob(chunks, { type: media.mimeType || type }), seconds);
    };
    media.start(1000);
    setElapsed(0);
    setRecording(true);
  };

  const keep = async (blob: Blob, seconds: number) => {
    const id = crypto.randomUUID();
    const type = blob.type;
    try {
      await saveAudio({ id, type, seconds, bytes: await blob.arrayBuffer() });
    } catch (error) {
      return setProblem(error instanceof StorageFullError ? 'storageFull' : 'notSupported');
    }
    // The new recording is safe on the device before the old one goes.
    if (current) await deleteAudio([current.id]).catch(() => undefined);
    onChange({ audio: { id, type, seconds } });
    setNotice((previous) => previous ?? 'saved');
  };

  const stop = () => {
    stopTimer.current?.();
    recorder.current?.stop();
  };

  const remove = async () => {
    if (current) await deleteAudio([current.id]).catch(() => undefined);
    onChange({});
    setNotice('deleted');
  };

  return (
    <div class="app-recorder">
      <p class="govuk-hint">{t('audio.limit', { minutes: MAX_AUDIO_SECONDS / 60 })}</p>
      {recording ? (
        <>
          <p class="govuk-body app-recorder__timer">
            <span class="app-recorder__dot" aria-hidden="true" />
            {t('audio.recording', { time: formatSeconds(elapsed), limit: formatSeconds(MAX_AUDIO_SECONDS) })}
          </p>
          <button type="button" class="govuk-button govuk-button--warning" onClick={stop}>
            {t('audio.stop')}
          </button>
        </>
      ) : current ? (
        <>
          <p class="govuk-body">{t('audio.yourRecording', { time: formatSeconds(current.seconds) })}</p>
          {url && <audio class="app-recorder__player" controls src={url} aria-label={t('audio.yourRecording', { time: formatSeconds(current.seconds) })} />}
          <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" onClick={() => void start()}>
              {t('audio.again')}
            </button>
            <button type="button" class="govuk-button govuk-button--warning" onClick={() => void remove()}>
              {t('audio.delete')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" class="govuk-button" onClick={() => void start()}>
          {t('audio.start')}
        </button>
      )}
      <p class="govuk-body" aria-live="polite">
        {notice && t(NOTICES[notice])}
      </p>
      {problem && <p class="govuk-error-message">{t(PROBLEMS[problem])}</p>}
    </div>
  );
}
