import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import { CompleteTaskBody, CreateTaskBody, MyWork, MyWorkQuery, Task, TaskListQuery, UpdateTaskBody } from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { MyWorkService } from './my-work.service';
import type { TaskService } from './tasks.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const TaskPage = pageOf(Task).meta({ id: 'TaskPage' });

export function registerTaskRoutes({ api }: Pick<ModuleContext, 'api'>, tasks: TaskService, myWork: MyWorkService) {
  api.route({
    method: 'get',
    path: '/my-work',
    summary:
      'Your open tasks and cases in one queue, what falls due first (a case by its resolution clock) first, flagged overdue or at risk (due within the next 4 business hours of your branch calendar), with counts',
    tags: ['Service desk'],
    access: { permission: 'tasks:read' },
    request: { query: MyWorkQuery },
    responses: { 200: { description: 'Your queue', schema: MyWork } },
    handler: async ({ actor, query }, _req, res) => res.json(await myWork.of(actor, query.limit)),
  });

  api.route({
    method: 'post',
    path: '/tasks',
    summary: 'Create a follow-up task (for an agent, or the branch queue); with `sourceKey`, the same key again returns the first task',
    tags: ['Service desk'],
    access: { permission: 'tasks:write' },
    request: { body: CreateTaskBody },
    responses: {
      201: { description: 'Created', schema: Task },
      200: { description: 'A task with this sourceKey exists: it is returned unchanged', schema: Task },
      400: { description: 'TASK_ASSIGNEE_INVALID: the assignee is not an active agent of the branch' },
      404: { description: 'The branch or the linked customer does not exist or is outside your branches' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const { task, created } = await tasks.createManual(actor, body);
      if (created) res.location(`/api/tasks/${task.id}`);
      sendVersioned(res, task, created ? 201 : 200);
    },
  });

  api.route({
    method: 'get',
    path: '/tasks',
    summary: 'Tasks in your branches, soonest due first (filters: status, assignee, customer, branch)',
    tags: ['Service desk'],
    access: { permission: 'tasks:read' },
    request: { query: TaskListQuery },
    responses: { 200: { description: 'A page of tasks (without their history)', schema: TaskPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await tasks.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/tasks/:id',
    summary: 'A task with its history',
    tags: ['Service desk'],
    access: { permission: 'tasks:read' },
    request: { params: Id },
    responses: { 200: { description: 'The task', schema: Task } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await tasks.get(actor, params.id)),
  });

  api.route({
    method: 'patch',
    path: '/tasks/:id',
    summary: 'Reassign an open task, move its due time or change its priority',
    tags: ['Service desk'],
    access: { permission: 'tasks:write' },
    ifMatch: true,
    request: { params: Id, body: UpdateTaskBody },
    responses: {
      200: { description: 'Changed', schema: Task },
      400: { description: 'TASK_ASSIGNEE_INVALID' },
      409: { description: 'TASK_NOT_OPEN: the task is done' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await tasks.update(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/tasks/:id/complete',
    summary: 'Mark a task done, saying how it ended',
    tags: ['Service desk'],
    access: { permission: 'tasks:write' },
    ifMatch: true,
    request: { params: Id, body: CompleteTaskBody },
    responses: { 200: { description: 'Done', schema: Task }, 409: { description: 'TASK_NOT_OPEN: done already' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await tasks.complete(actor, params.id, ifMatch, body.outcome)),
  });
}
