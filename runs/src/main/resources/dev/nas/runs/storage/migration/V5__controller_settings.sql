-- Controllers as specs: the controller's parameters, stored so that a resume runs exactly what the study started
-- with. A study made before keeps its preset's defaults of the time, which are the defaults written here.
ALTER TABLE study ADD COLUMN controller_settings VARCHAR NOT NULL DEFAULT '{}';
UPDATE study SET controller_settings = CASE
    WHEN controller IN ('sha', 'hyperband', 'asha', 'sha-pareto', 'hyperband-pareto', 'asha-pareto') THEN '{"eta":"3"}'
    WHEN controller = 'rl' THEN '{"baseline_decay":"0.8","entropy_weight":"0.001","learning_rate":"0.3"}'
    WHEN controller = 'evolution' THEN '{"population":"10","tournament":"3"}'
    WHEN controller = 'nsga2' THEN '{"population":"10","tournament":"2"}'
    WHEN controller IN ('bayes', 'bayes-ucb', 'parego') THEN '{"initial_random":"8"}'
    WHEN controller = 'pbt' THEN '{"members":"8","truncation":"0.25"}'
    ELSE '{}' END;
UPDATE schema_version SET version = 5;
