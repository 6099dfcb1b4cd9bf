namespace My8x8.SalesBot.Dialogs.Understanding.Training;

/// <summary>The multiclass learners the model can be trained with (docs/understanding.md compares them).</summary>
internal enum IntentTrainer
{
    /// <summary>Maximum entropy (multinomial logistic regression) by L-BFGS: the one the shipped model uses.</summary>
    LbfgsMaximumEntropy,

    /// <summary>Maximum entropy by stochastic dual coordinate ascent.</summary>
    SdcaMaximumEntropy,

    /// <summary>One binary logistic regression per intent (one-versus-all), calibrated.</summary>
    OneVersusAllLogistic,

    /// <summary>One linear SVM per intent (one-versus-all).</summary>
    OneVersusAllLinearSvm,
}
