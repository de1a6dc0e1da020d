// The reference: a cloud function written the way the official document shows it
// (002_75be91f7a4c61c42.txt, 云调用 "请求数据示例"), with wx-server-sdk from node_modules.
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
