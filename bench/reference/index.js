// The reference: a cloud function written the way WeChat's public page shows the cloud call
// (docs/platform/plugin-manager.md, "Two ways to call it"), with wx-server-sdk from node_modules.
const cloud = require('wx-server-sdk')
cloud.init()
exports.main = async (event, context) => {
  try {
    const result = await cloud.openapi.pluginManager.getPluginDevApplyList({
      action: 'dev_apply_list',
      page: 1,
      num: 10
    })
    return result
  } catch (err) {
    return err
  }
}
