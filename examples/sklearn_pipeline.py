"""neurite in a scikit-learn pipeline: cross-validation, then a grid search over the
settings (docs/python.md shows this program's output).

Digits 8 and 9 are never taught: they stand for what a device meets but never
learned. Run with the project's environment: .venv/bin/python examples/sklearn_pipeline.py
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline

import neurite

REJECTION_COST = 0.2  # a wrong answer costs 1, "I don't know" costs 0.2


def negative_cost(estimator, X, y):
    """Scorer for classification with a reject option (higher is better)."""
    prediction = estimator.predict(X)
    rejected = prediction == -1
    return -np.mean(np.where(rejected, REJECTION_COST, prediction != y))


X, y = load_digits(return_X_y=True)
taught = y < 8
X_train, X_test, y_train, y_test = train_test_split(
    X[taught], y[taught], test_size=0.25, stratify=y[taught], random_state=0
)
X_never_taught = X[~taught]

# The problem type is the estimator: neurite.Classifier here (Regressor,
# NoveltyDetector for the other two). PCA makes every stored event smaller.
pipeline = Pipeline([("pca", PCA(n_components=32, random_state=0)), ("neurite", neurite.Classifier())])
folds = StratifiedKFold(5, shuffle=True, random_state=0)
scores = cross_val_score(pipeline, X_train, y_train, cv=folds)
print(f"5-fold accuracy, default settings (a rejection counts as an error): {scores.mean():.3f} +/- {scores.std():.3f}")

grid = GridSearchCV(
    pipeline,
    {"neurite__memory": [0.25, 0.5, 0.75], "neurite__strictness": ["off", "low", "medium", "high"]},
    scoring={"accuracy": "accuracy", "cost": negative_cost},
    refit="cost",
    cv=folds,
)
grid.fit(X_train, y_train)
results = grid.cv_results_
print("\nmemory  strictness  accuracy  cost per input")
for params, accuracy, cost in zip(results["params"], results["mean_test_accuracy"], results["mean_test_cost"]):
    print(f"{params['neurite__memory']:>6}  {params['neurite__strictness']:>10}  {accuracy:8.3f}  {-cost:13.3f}")
print(f"\nbest by cost: {grid.best_params_}")

best = grid.best_estimator_
model = best.named_steps["neurite"]
on_test, on_new = best.predict(X_test), best.predict(X_never_taught)
answered = on_test != -1
print(
    f"held-out digits 0-7: {np.mean(on_test == y_test):.3f} correct, {np.mean(~answered):.3f} rejected, "
    f"{np.mean(on_test[answered] == y_test[answered]):.3f} correct when answered"
)
print(f"digits 8 and 9, never taught: {np.mean(on_new == -1):.3f} rejected")
print(
    f"model: {model.n_events_} events, {model.n_units_} units in {model.n_layers_} layer(s), "
    f"{model.memory_bytes_} bytes of memory, {model.model_bytes_} bytes saved"
)
