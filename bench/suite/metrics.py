"""Open-set measures from an unknown score (higher: more likely unknown)."""
import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve


def open_set(known_score, known_correct, unknown_score):
    """AUROC (unknown positive), false-positive rate at 95 % true-positive rate (the
    share of unknowns accepted when 95 % of knowns are), OSCR (area under correct
    classification rate versus unknowns accepted) and the accuracy on known inputs
    (correct and accepted) when 5 % of unknowns are accepted."""
    known_score, unknown_score = np.asarray(known_score), np.asarray(unknown_score)
    labels = np.r_[np.zeros(len(known_score)), np.ones(len(unknown_score))]
    scores = np.r_[known_score, unknown_score]
    threshold95 = np.quantile(known_score, 0.95)
    fpr95 = float(np.mean(unknown_score <= threshold95))
    # Accept below a threshold: sweep every score; CCR and FPR at each.
    thresholds = np.unique(scores)
    order = np.argsort(known_score)
    ccr = np.searchsorted(known_score[order], thresholds, side="right")
    ccr = np.cumsum(np.asarray(known_correct)[order])[np.maximum(ccr - 1, 0)] * (ccr > 0) / len(known_score)
    fpr = np.searchsorted(np.sort(unknown_score), thresholds, side="right") / len(unknown_score)
    oscr = float(np.trapezoid(np.r_[0, ccr], np.r_[0, fpr]))
    at5 = float(ccr[fpr <= 0.05].max()) if np.any(fpr <= 0.05) else 0.0
    return {"AUROC": float(roc_auc_score(labels, scores)), "FPR at 95% TPR": fpr95, "OSCR": oscr,
            "accuracy at 5% unknowns accepted": at5}


def roc(known_score, unknown_score):
    """(false-positive rate, true-positive rate) of rejecting unknowns."""
    labels = np.r_[np.zeros(len(known_score)), np.ones(len(unknown_score))]
    fpr, tpr, _ = roc_curve(labels, np.r_[known_score, unknown_score])
    return fpr, tpr
