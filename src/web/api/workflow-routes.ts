// The engine on the JSON API: submit, act on a step, claim/assign, resubmit, withdraw, read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../app/transaction.ts';
import { actOnStep, stepActionSchema } from '../../app/workflow/act-on-step.ts';
import { assignTask, claimTask } from '../../app/workflow/claim-task.ts';
import { getApplication } from '../../app/workflow/get-application.ts';
import { listTasks } from '../../app/workflow/list-tasks.ts';
import { resubmitApplication } from '../../app/workflow/resubmit-application.ts';
import { submitApplication, submitApplicationSchema } from '../../app/workflow/submit-application.ts';
import { withdrawApplication } from '../../app/workflow/withdraw-application.ts';
import { AppError } from '../../domain/errors.ts';
import { STEP_ACTIONS, type StepAction } from '../../domain/workflow/interpreter.ts';
import { actorOf, userOf } from '../auth.ts';
import { parseInput } from './validation.ts';

export const OTHER_ACTIONS = ['claim', 'assign', 'resubmit', 'withdraw'] as const;
const stepOnly = z.object({ step: z.number().int().positive() });
const assignBody = z.object({ step: z.number().int().positive(), assignee: z.string().regex(/^\d{1,18}$/) });
const noteBody = z.object({ note: z.string().trim().max(4000).optional(), reason: z.string().trim().max(4000).optional() });
const taskQuery = z.object({ role: z.string().max(100).optional(), after: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

const idempotencyKey = (req: FastifyRequest) => {
  const k = req.headers['idempotency-key'];
  return typeof k === 'string' ? k : undefined;
};

export function registerWorkflowRoutes(app: FastifyInstance, db: Db, now: () => Date = () => new Date()): void {
  app.post('/api/v1/applications', async (req, reply) => {
    const at = now();
    const actor = await actorOf(db, req, at);
    const input = parseInput(submitApplicationSchema, req.body);
    const result = await submitApplication(db, actor, input, at, idempotencyKey(req));
    return reply.code(201).send(result);
  });

  app.get<{ Params: { id: string } }>('/api/v1/applications/:id', async (req) => {
    const at = now();
    const actor = await actorOf(db, req, at);
    return getApplication(db, actor, req.params.id, at);
  });

  app.post<{ Params: { id: string; action: string } }>('/api/v1/applications/:id/actions/:action', async (req) => {
    const at = now();
    const { id, action } = req.params;
    const key = idempotencyKey(req);
    // Acts on a step and resubmissions read who acts with the case they act on.
    if ((STEP_ACTIONS as readonly string[]).includes(action) || action === 'resubmit') {
      const who = { userId: await userOf(db, req, at) };
      return action === 'resubmit'
        ? resubmitApplication(db, who, id, parseInput(noteBody, req.body).note, at, key)
        : actOnStep(db, who, id, action as StepAction, parseInput(stepActionSchema, req.body), at, key);
    }
    const actor = await actorOf(db, req, at);
    switch (action) {
      case 'claim':
        return claimTask(db, actor, id, parseInput(stepOnly, req.body).step, at);
      case 'assign': {
        const body = parseInput(assignBody, req.body);
        return assignTask(db, actor, id, body.step, body.assignee, at);
      }
      case 'withdraw':
        return withdrawApplication(db, actor, id, parseInput(noteBody, req.body).reason, at, key);
      default:
        throw new AppError('unknown_action', 404, { id: `Tindakan "${action.slice(0, 50)}" tidak dikenal.`, en: `Unknown action "${action.slice(0, 50)}".` });
    }
  });

  app.get('/api/v1/tasks', async (req) => {
    const at = now();
    const actor = await actorOf(db, req, at);
    const q = parseInput(taskQuery, req.query);
    return listTasks(db, actor, q, at);
  });
}
