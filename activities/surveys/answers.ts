/**
 * Checks submitted answers against a survey's questions. Each problem names the question, as
 * `answers.<question id>`, so the form can point at it.
 */
import type { FieldIssue } from '../../common/errors';
import type { SurveyQuestionDefinition } from '../../db/schema';

export interface SubmittedAnswer {
  questionId: string;
  score?: number | undefined;
  choice?: string | undefined;
  text?: string | undefined;
}

/** An answer as stored: exactly one of score, choice or text is set. */
export interface CheckedAnswer {
  questionId: string;
  score: number | null;
  choice: string | null;
  text: string | null;
}

/** Longest free-text answer, in characters. */
export const maxAnswerText = 2000;

function checkOne(
  question: SurveyQuestionDefinition,
  answer: SubmittedAnswer,
): CheckedAnswer | string {
  switch (question.kind) {
    case 'scale':
      if (answer.choice !== undefined || answer.text !== undefined) return 'expected a score';
      if (answer.score === undefined) return 'a score from 1 to 5 is required';
      if (!Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) {
        return `score ${answer.score} is not an integer from 1 to 5`;
      }
      return { questionId: question.id, score: answer.score, choice: null, text: null };
    case 'choice': {
      if (answer.score !== undefined || answer.text !== undefined) return 'expected a choice';
      if (answer.choice === undefined) return 'a choice is required';
      const allowed = question.options.map((option) => option.value);
      if (!allowed.includes(answer.choice)) {
        return `choice "${answer.choice}" is not one of ${allowed.join(', ')}`;
      }
      return { questionId: question.id, score: null, choice: answer.choice, text: null };
    }
    case 'text': {
      if (answer.score !== undefined || answer.choice !== undefined) return 'expected text';
      const text = (answer.text ?? '').trim();
      if (text.length > maxAnswerText) return `text is longer than ${maxAnswerText} characters`;
      return { questionId: question.id, score: null, choice: null, text };
    }
  }
}

/**
 * Returns the answers to store, or the issues found: an unknown or repeated question, a missing
 * required answer, or a value of the wrong kind or out of range. An empty text answer to an
 * optional question is dropped.
 */
export function checkAnswers(
  questions: readonly SurveyQuestionDefinition[],
  submitted: readonly SubmittedAnswer[],
): { answers: CheckedAnswer[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  const seen = new Set<string>();
  const answers: CheckedAnswer[] = [];

  for (const answer of submitted) {
    const field = `answers.${answer.questionId}`;
    const question = byId.get(answer.questionId);
    if (!question) {
      issues.push({ field, message: 'no such question in this survey' });
      continue;
    }
    if (seen.has(answer.questionId)) {
      issues.push({ field, message: 'the question is answered twice' });
      continue;
    }
    seen.add(answer.questionId);
    const checked = checkOne(question, answer);
    if (typeof checked === 'string') {
      issues.push({ field, message: checked });
      continue;
    }
    if (checked.text === '') {
      if (question.required) issues.push({ field, message: 'an answer is required' });
      continue;
    }
    answers.push(checked);
  }

  for (const question of questions) {
    if (question.required && !seen.has(question.id)) {
      issues.push({ field: `answers.${question.id}`, message: 'an answer is required' });
    }
  }
  return { answers, issues };
}

/** Returns the lowest 1–5 score among the answers, or null when none is a score. */
export function lowestScore(answers: readonly CheckedAnswer[]): number | null {
  const scores = answers.flatMap((answer) => (answer.score === null ? [] : [answer.score]));
  return scores.length === 0 ? null : Math.min(...scores);
}
