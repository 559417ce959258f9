-- A solver status for schedules with a required meeting unplaced that was not proved impossible ('unknown'):
-- 'infeasible' now means proved.
ALTER TABLE schedule DROP CONSTRAINT schedule_solver_status_check;
ALTER TABLE schedule ADD CONSTRAINT schedule_solver_status_check
    CHECK (solver_status IN ('optimal', 'feasible', 'infeasible', 'unknown'));
